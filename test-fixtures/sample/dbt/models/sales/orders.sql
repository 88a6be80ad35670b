select
    o.id as order_id,
    o.customer_id,
    o.status as order_status,
    o.ordered_at,
    o.shipped_at,
    cast(o.shipped_at as date) as shipped_date,
    o.order_total,
    o._etl_batch_id
from {{ source('raw', 'orders') }} as o
