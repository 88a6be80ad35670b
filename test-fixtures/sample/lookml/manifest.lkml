# The sample shop's LookML project. Views under views/generated/ are written by
# "Generate LookML from dbt"; everything else here is written by hand.
project_name: "shop"

constant: CONNECTION_NAME {
  value: "shop_snowflake"
  export: override_optional
}

constant: SCHEMA {
  value: "ANALYTICS.SHOP"
}
