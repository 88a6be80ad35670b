project_name: "shop"

constant: SCHEMA {
  value: "analytics"
}
