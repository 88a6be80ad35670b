project_name: "spoke"

local_dependency: {
  project: "hub"
}

remote_dependency: marketing {
  url: "https://example.invalid/marketing.git"
  ref: "main"
}
