include: "/views/orders.view.lkml"

view: +orders {
  dimension: amount {
    value_format_name: usd
  }

  dimension_group: created {
    label: "Ordered"
  }

  measure: total_amount {
    type: sum
    sql: ${amount} ;;
  }
}
