from tecton import batch_feature_view, materialization_context
from entities import user
from data_sources.predicted_ratings import predicted_ratings
from datetime import datetime, timedelta
#
#
@batch_feature_view(
    sources=[predicted_ratings],
    entities=[user],
    mode='snowflake_sql',
    online=True,
    batch_schedule=timedelta(days=1),
    ttl=timedelta(days=9999),
    feature_start_time=datetime(2022, 5, 1),
    owner='david@tecton.ai',
    description='Recommended movies for a user (batch predicted)'
)
def user_recommended_movies(predicted_ratings, context=materialization_context()):
    return f'''
        select
            user_id,
            ARRAY_TO_STRING(arrayagg(movie_id), ',') as recommended_movies,
            max(created_at) as timestamp
        from
            {predicted_ratings}
        where created_at < '{context.feature_end_time_string}'
        group by
            user_id
        '''
