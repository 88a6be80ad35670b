connection: "warehouse"

explore: orders {}

explore: +order {
  label: "Orders"
}

explore: big_orders {
  extends: [ordrs]
  view_name: orders
}

view: orders {
  dimension: id {}
}

view: order_facts {
  derived_table: {
    explore_source: orders_explore {
      column: id { field: orders.id }
    }
  }

  dimension: id {}
}
