view: +orders {
  dimension: is_big {
    type: yesno
    sql: ${amount} > 100 ;;
  }

  measure: big_total {
    type: sum
    sql: ${orders.amount} ;;
    filters: [is_big: "yes"]
  }
}
