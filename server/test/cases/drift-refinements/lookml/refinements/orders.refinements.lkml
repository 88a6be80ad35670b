view: +orders {
  dimension: order_status {
    label: "Order status"
  }

  dimension: created {
    label: "Ordered"
  }

  dimension: created_date {
    label: "Order date"
  }

  dimension: status {
    value_format_name: usd
  }

  dimension: margin {
    type: number
    sql: ${TABLE}.margin_amount - ${TABLE}."AMOUNT" ;;
  }

  measure: amount {
    type: sum
    sql: ${TABLE}.amount ;;
  }

  measure: order_count {
    type: count
  }
}

view: +order_items {
  dimension: quantity {
    label: "Quantity"
  }
}
