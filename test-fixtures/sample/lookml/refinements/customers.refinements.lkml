# Hand-written changes to the generated customers view.
view: +customers {
  dimension: email {
    group_label: "Contact"
    html: <a href="mailto:{{ value }}">{{ value }}</a> ;;
  }

  dimension: full_name {
    sql: ${first_name} || ' ' || ${last_name} ;;
  }

  dimension: lifetime_value {
    value_format_name: usd
  }

  dimension_group: _loaded {
    hidden: yes
  }

  set: detail {
    fields: [customer_id, full_name, email, customer_segment, created_date]
  }
}
