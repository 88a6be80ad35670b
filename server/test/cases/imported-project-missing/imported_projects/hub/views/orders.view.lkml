view: orders {
  dimension: id {}
}
