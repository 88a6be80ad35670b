view: orders {
  sql_table_name: shop.orders ;;

  dimension: id {
    type: number
    sql: ${TABLE}.id ;;
  }
}
