view: customers {
  dimension: id {}
}
