project_name: "hub"

constant: CONNECTION {
  value: "hub_warehouse"
}

constant: DATASET {
  value: "raw"
}
