view: customers {
  sql_table_name: shop.customers ;;

  dimension: id {
    primary_key: yes
    sql: ${TABLE}.id ;;
  }
}
