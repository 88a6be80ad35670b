connection: "warehouse"

include: "//@{CONFIG_PROJECT_NAME}/views/*.view"

explore: orders {
  sql_table_name: shop.orders ;;
}
