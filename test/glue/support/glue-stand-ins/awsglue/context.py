"""awsglue.context: GlueContext(sc) gives `glue_context`, whose spark_session is `spark`."""
from glue_stand_in import Recorder, module_recorder

GlueContext = Recorder('GlueContext')


def __getattr__(name):
    return module_recorder('awsglue.context', name)
