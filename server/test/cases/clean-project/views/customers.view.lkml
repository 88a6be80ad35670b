view: base_person {
  extension: required

  dimension: name {
    sql: ${first_name} || ' ' || ${TABLE}.last_name ;;
  }
}

view: customers {
  extends: [base_person]
  sql_table_name: @{SCHEMA}.customers ;;

  dimension: id {
    primary_key: yes
    sql: ${TABLE}.id ;;
  }

  dimension: first_name {}

  dimension: email {}

  set: basics {
    fields: [id, name]
  }
}
