view: orders {
  derived_table: {
    sql: SELECT * FROM ${raw_orders.SQL_TABLE_NAME} ;;
  }

  dimension: customer_id {}
}

view: customers {
  extends: [base_customers]

  dimension: id {}
}
