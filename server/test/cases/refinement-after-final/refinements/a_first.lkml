view: +orders {
  final: yes

  dimension: id {
    label: "Order ID"
  }
}
