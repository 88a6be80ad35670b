project_name: "spoke"

constant: HUB_PROJECT {
  value: "hub"
}

constant: MARKETING_PROJECT {
  value: "marketing"
}

local_dependency: {
  project: "hub"
}
