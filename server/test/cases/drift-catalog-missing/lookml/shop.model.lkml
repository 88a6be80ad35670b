connection: "warehouse"

include: "/views/generated/*.view.lkml"

explore: orders {}
