{{ config(materialized="view") }}

select
    id as payment_id,
    order_id,
    method as payment_method,
    status as payment_status,
    amount,
    paid_at
from {{ source('raw', 'payments') }}
where status != 'test'
