view: orders {
  dimension: id {}

  dimension: customer_id {}

  dimension_group: created {
    type: time
    timeframes: [date, month]
    sql: ${TABLE}.created_at ;;
  }

  dimension_group: shipped {
    type: time
    sql: ${TABLE}.shipped_at ;;
  }

  dimension_group: transit {
    type: duration
    intervals: [day]
    sql_start: ${created_date} ;;
    sql_end: ${shipped_hour6} ;;
  }

  dimension: is_slow {
    type: yesno
    sql: ${days_transit} > 3 AND ${hours_transit} > 72 ;;
  }

  dimension: created_label {
    sql: ${created} || ${custmer_id} ;;
  }
}
