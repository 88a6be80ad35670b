connection: "warehouse"

explore: orders {
  join: customers {
    sql_on: ${orders.customer_id} = ${customers.id} ;;
  }
  join: regions {
    sql_on: ${customers.region_id} = ${regions.id} ;;
    required_joins: [customers, countries]
  }
}

view: orders {
  dimension: customer_id {}
}

view: customers {
  dimension: id {}
  dimension: region_id {}
}

view: regions {
  dimension: id {}
}
