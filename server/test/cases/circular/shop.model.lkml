connection: "warehouse"

explore: a {
  join: b {
    sql_on: 1 = 1 ;;
  }
}

view: a {
  dimension: self { sql: ${self} ;; }
  dimension: one { sql: ${two} + 1 ;; }
  dimension: two { sql: ${b.three} ;; }
  dimension: table_only { sql: (SELECT 1 FROM ${b.SQL_TABLE_NAME}) ;; }
}

view: b {
  dimension: three { sql: ${a.one} ;; }
  dimension: table_only { sql: (SELECT 1 FROM ${a.SQL_TABLE_NAME}) ;; }
}

view: dt_one {
  derived_table: { sql: SELECT * FROM ${dt_two.SQL_TABLE_NAME} ;; }
}

view: dt_two {
  derived_table: { sql: SELECT * FROM ${dt_one.SQL_TABLE_NAME} ;; }
}

view: ext_one {
  extends: [ext_two]
}

view: ext_two {
  extends: [ext_one]
}
