# Hand-written changes to the generated orders view: the generator rewrites
# views/generated/orders.view.lkml, never this file.
view: +orders {
  label: "Orders"

  dimension: order_status {
    label: "Status"
    suggestions: ["placed", "shipped", "completed", "returned", "cancelled"]
  }

  dimension: _etl_batch_id {
    hidden: yes
  }

  dimension_group: ordered {
    label: "Ordered"
  }

  dimension: is_completed {
    type: yesno
    sql: ${TABLE}.ORDER_STATUS = 'completed' ;;
  }

  dimension_group: fulfilment {
    type: duration
    intervals: [hour, day]
    sql_start: ${ordered_raw} ;;
    sql_end: ${shipped_at_raw} ;;
  }

  measure: average_days_to_ship {
    type: average
    sql: ${days_fulfilment} ;;
    value_format_name: decimal_1
  }

  measure: completed_orders {
    type: count
    filters: [is_completed: "yes"]
    drill_fields: [detail*]
  }

  set: detail {
    fields: [order_id, order_status, ordered_date, order_total, customers.email]
  }
}
