select
    id as product_id,
    name as product_name,
    category,
    subcategory,
    unit_price,
    supplier_name as "SupplierName",
    is_discontinued
from {{ source('raw', 'products') }}
