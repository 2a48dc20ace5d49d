import common.helpers
