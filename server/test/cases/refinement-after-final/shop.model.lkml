connection: "warehouse"

include: "/refinements/a_first.lkml"
include: "/refinements/b_second.lkml"

explore: orders {}

explore: +orders {
  final: yes
}

explore: +orders {
  label: "Late"
}

view: orders {
  dimension: id {}
}
