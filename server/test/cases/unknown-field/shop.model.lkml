connection: "warehouse"

include: "/views/*.view.lkml"

explore: orders {
  fields: [orders.id, orders.totl]
  join: buyer {
    from: customers
    sql_on: ${orders.customer_id} = ${buyer.customer_id} ;;
  }
  always_filter: {
    filters: [orders.created_year: "2024"]
  }
}
