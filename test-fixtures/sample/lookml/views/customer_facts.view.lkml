# Per-customer order figures, derived from the generated orders view's table.
view: customer_facts {
  derived_table: {
    sql:
      SELECT
        CUSTOMER_ID,
        COUNT(*) AS ORDER_COUNT,
        MIN(ORDERED_AT) AS FIRST_ORDERED_AT,
        SUM(ORDER_TOTAL) AS LIFETIME_REVENUE
      FROM @{SCHEMA}.orders
      GROUP BY 1 ;;
    datagroup_trigger: nightly
  }

  dimension: customer_id {
    primary_key: yes
    hidden: yes
    type: number
    sql: ${TABLE}.CUSTOMER_ID ;;
  }

  dimension: order_count {
    type: number
    sql: ${TABLE}.ORDER_COUNT ;;
  }

  dimension: is_repeat_customer {
    type: yesno
    sql: ${order_count} > 1 ;;
  }

  dimension_group: first_ordered {
    type: time
    timeframes: [raw, date, month, year]
    sql: ${TABLE}.FIRST_ORDERED_AT ;;
  }

  dimension: lifetime_revenue {
    type: number
    sql: ${TABLE}.LIFETIME_REVENUE ;;
    value_format_name: usd
  }

  measure: repeat_customers {
    type: count
    filters: [is_repeat_customer: "yes"]
    drill_fields: [customers.detail*]
  }
}
