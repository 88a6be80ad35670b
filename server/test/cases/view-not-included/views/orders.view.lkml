view: orders {
  dimension: customer_id {}
}
