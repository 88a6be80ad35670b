connection: "warehouse"

explore: orders {
  fields: [orders.ALL_FIELDS*, orders.details*, -orders.internal*]
  join: customers {
    sql_on: ${orders.customer_id} = ${customers.id} ;;
    fields: [customers.basic*, contact*]
  }
}

view: orders {
  dimension: customer_id {}

  measure: count {
    type: count
    drill_fields: [detail*, customer_id]
  }

  set: details {
    fields: [customer_id, count]
  }
}

view: customers {
  dimension: id {}

  set: basics {
    fields: [id]
  }
}
