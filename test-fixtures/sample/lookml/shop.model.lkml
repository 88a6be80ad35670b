connection: "@{CONNECTION_NAME}"

# Generated views first, then the hand-written views and the refinements, so that each
# refinement applies after the view it refines.
include: "/views/generated/*.view"
include: "/views/*.view.lkml"
include: "/refinements/*.refinements.lkml"

datagroup: nightly {
  sql_trigger: SELECT CURRENT_DATE ;;
  max_cache_age: "24 hours"
}

persist_with: nightly

explore: orders {
  view_name: orders
  description: "Orders with their customer, line items, products and payments."

  join: customers {
    type: left_outer
    relationship: many_to_one
    sql_on: ${orders.customer_id} = ${customers.customer_id} ;;
  }

  join: customer_facts {
    type: left_outer
    relationship: one_to_one
    sql_on: ${customers.customer_id} = ${customer_facts.customer_id} ;;
  }

  join: order_items {
    type: left_outer
    relationship: one_to_many
    sql_on: ${orders.order_id} = ${order_items.order_id} ;;
  }

  join: products {
    type: left_outer
    relationship: many_to_one
    sql_on: ${order_items.product_id} = ${products.product_id} ;;
    fields: [products.product_name, products.category, products.subcategory]
  }

  join: payments {
    type: left_outer
    relationship: one_to_many
    sql_on: ${orders.order_id} = ${payments.order_id} ;;
  }
}

explore: customers {
  fields: [ALL_FIELDS*, -customers.email]

  join: customer_facts {
    type: left_outer
    relationship: one_to_one
    sql_on: ${customers.customer_id} = ${customer_facts.customer_id} ;;
  }
}
