connection: "warehouse"

explore: base_orders {
  join: orders {
    sql_on: ${base_orders.id} = ${orders.id} ;;
  }
}

explore: orders {}

view: base_orders {
  extension: required
  dimension: id {}
  dimension: label { sql: ${name_field} ;; }
}

view: orders {
  extends: [base_orders]
  dimension: name_field {}
}
