view: orders {
  dimension: id {}
  measure: id { type: count }

  dimension_group: created {
    type: time
    timeframes: [date, week]
    sql: ${TABLE}.created_at ;;
  }

  dimension: created_date {}
}
