select
    order_id,
    line_number,
    product_id,
    quantity,
    unit_price,
    quantity * unit_price as line_total
from {{ source('raw', 'order_items') }}
