view: orders {
  sql_table_name: @{SCHEMA}.orders JOIN @{DATASET}.x JOIN @{SCHEME}.y ;;

  dimension: id {
    html: <a href="@{BASE_URL}/orders/{{ value }}">{{ value }}</a> ;;
  }
}
