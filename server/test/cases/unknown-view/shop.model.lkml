connection: "warehouse"

include: "/views/*.view.lkml"

explore: orders {
  join: customer {
    sql_on: ${orders.customer_id} = ${customer.id} ;;
  }
  join: buyer {
    from: custumers
    sql_on: ${orders.customer_id} = ${buyer.id} ;;
  }
  join: customers {
    sql_on: ${orders.customer_id} = ${customers.id} AND ${shipments.id} IS NULL ;;
  }
}

explore: returns {}

explore: recent_orders {
  extends: [orders]
}
