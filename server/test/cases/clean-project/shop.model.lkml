connection: "warehouse"

include: "/views/*.view"
include: "refinements/**/*.lkml"

explore: orders {
  view_name: orders
  fields: [ALL_FIELDS*, -customers.email]
  join: customers {
    sql_on: ${orders.customer_id} = ${customers.id} ;;
    relationship: many_to_one
    fields: [customers.basics*]
  }
  join: buyer {
    from: customers
    sql_on: ${orders.customer_id} = ${buyer.id} ;;
    relationship: many_to_one
  }
  always_filter: {
    filters: [orders.created_date: "7 days"]
  }
}

explore: big_orders {
  extends: [orders]
  sql_always_where: ${orders.amount} > 100 ;;
}
