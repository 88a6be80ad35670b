connection: "warehouse"

include: "/views/*.view.lkml"
include: "/view/*.view.lkml"
include: "orders.view"

explore: orders {
  join: customers {
    sql_on: ${orders.customer_id} = ${customers.id} ;;
  }
}
