view: +orders {
  dimension: amount {
    value_format_name: usd
  }

  dimension: status {
    label: "Order status"
    sql: UPPER(${TABLE}.status) ;;
  }

  dimension_group: created {
    label: "Ordered"
  }

  dimension: customer_id {
    hidden: yes
  }

  measure: total_amount {
    type: sum
    sql: ${amount} ;;
  }
}
