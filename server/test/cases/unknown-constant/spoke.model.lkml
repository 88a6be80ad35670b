connection: "@{CONNECTION}"

include: "/views/*.view.lkml"

explore: orders {
  label: "Orders in @{SCHEMA} from @{DATA_SET}"
}
