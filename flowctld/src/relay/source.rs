//! A source's session: read its `StreamEvents` and send every event along
//! its edges.
//!
//! The relay remembers the id of the last event it sent along all edges; a
//! new stream (after a restart or a broken connection) resumes after that
//! event when the source keeps state (answers `GetState`). The source's own
//! `GetState` token is not used: it runs ahead of what the relay received,
//! as events sit in HTTP/2 buffers.

use flowctl_proto::v1::source_service_client::SourceServiceClient;
use flowctl_proto::v1::{StateRequest, StreamRequest};
use tonic::Code;
use tonic::transport::Channel;

use super::dial::MAX_MESSAGE_BYTES;
use super::node::{End, Forwarded, Node, Target, failed, forward, moved};

impl Node {
    /// Streams the source's events into its edges until its stream ends.
    pub(crate) async fn source_session(&mut self, channel: Channel, endpoint: &Target) -> End {
        let mut client =
            SourceServiceClient::new(channel).max_decoding_message_size(MAX_MESSAGE_BYTES);
        let mut request = StreamRequest {
            params: self.params.clone(),
            resume: false,
            resume_token: String::new(),
        };
        if let Some(last) = &self.last_forwarded {
            let state = tokio::select! {
                state = client.get_state(StateRequest::default()) => state,
                () = moved(&self.presence, endpoint) => return End::Moved,
            };
            match state {
                Ok(_) => {
                    request.resume = true;
                    request.resume_token = last.clone();
                }
                Err(status) if status.code() == Code::Unimplemented => {
                    tracing::warn!(
                        component = %self.id,
                        "relay: the source keeps no state (GetState is unimplemented), so its \
                         stream starts over; components downstream may see events again"
                    );
                }
                Err(status) => return failed("GetState", &status, false),
            }
        }
        let resumed = request.resume;
        let call = tokio::select! {
            call = client.stream_events(request) => call,
            () = moved(&self.presence, endpoint) => return End::Moved,
        };
        let mut stream = match call {
            Ok(response) => response.into_inner(),
            Err(status) => return failed("StreamEvents", &status, false),
        };
        tracing::info!(
            component = %self.id, %endpoint,
            resume_after = resumed.then_some(self.last_forwarded.as_deref()).flatten(),
            "relay: streaming from source"
        );
        let Node {
            outputs,
            stats,
            presence,
            last_forwarded,
            ..
        } = self;
        let sent = |id: &str| *last_forwarded = Some(id.to_owned());
        match forward(&mut stream, outputs, stats, (presence, endpoint), sent).await {
            Forwarded::Moved => End::Moved,
            Forwarded::Closed => End::Closed,
            Forwarded::Ended => End::Done,
            Forwarded::Broken { status, received } => failed("StreamEvents", &status, received),
        }
    }
}
