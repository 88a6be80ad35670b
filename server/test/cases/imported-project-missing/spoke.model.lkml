connection: "warehouse"

include: "//hub/views/*.view"
include: "//marketing/**/*.view.lkml"

explore: +orders {
  label: "Orders (spoke)"
}
