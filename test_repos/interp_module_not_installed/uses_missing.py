# In neither the repository nor the virtual environment: TP007 (a warning).
import company_utils
from company_metrics.dates import to_utc
