connection: "warehouse"

include: "//@{HUB_PROJECT}/views/*.view"
include: "//@{MARKETING_PROJECT}/views/*.view"
include: "//@{CONFIG_PROJECT_NAME}/views/*.view"

explore: orders {}
