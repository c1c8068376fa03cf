package io.seckill.id.segment;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;

import org.apache.ibatis.annotations.Mapper;

@Mapper
public interface IdSegmentMapper extends BaseMapper<IdSegment> {
}
