view: +orders {
  dimension: id {
    label: "Too late"
  }
}
