connection: "warehouse"

explore: orders {}

view: orders {
  dimension: id {
    sql: ${TABLE}.id ;;
  }
  dimension: broken {
    sql: ${TABLE}.broken
  }
  dimension: after { sql: ${nope} ;; }
}
