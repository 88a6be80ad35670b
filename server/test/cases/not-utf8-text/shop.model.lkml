connection: "db"
include: "*.view.lkml"
explore: orders {}
