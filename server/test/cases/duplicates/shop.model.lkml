connection: "warehouse"

include: "/*.view.lkml"

explore: orders {}
