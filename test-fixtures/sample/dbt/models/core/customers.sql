select
    id as customer_id,
    first_name,
    last_name,
    lower(email) as email,
    country_code,
    segment as customer_segment,
    is_active,
    lifetime_value,
    created_at,
    updated_at,
    _loaded_at
from {{ source('raw', 'customers') }}
