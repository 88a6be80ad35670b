project_name: "spoke"

constant: SCHEMA {
  value: "analytics"
}

local_dependency: {
  project: "hub"

  override_constant: CONNECTION {
    value: "spoke_warehouse"
  }
}
